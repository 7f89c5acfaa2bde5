import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

const ana = { email: 'ana.ruiz@example.com', name: 'Ana Ruiz' };
const check = (password: string) => checkPasswordPolicy(password, ana);

describe('the password policy', () => {
  it('asks for at least 8 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(check('tulip7!')).toBe('Use at least 8 characters.');
    expect(check('tulip7!z')).toBeNull();
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(check('🌷🌷🌷🌷🌷🌷🌷')).toBe('Use at least 8 characters.'); // 7 characters, 14 UTF-16 units
    expect(check('🌷🌷🌷🌷🌷🌷🌷🌷')).toBeNull();
  });

  it('allows up to 1024 characters and refuses more', () => {
    expect(PASSWORD_MAX_LENGTH).toBe(1024);
    expect(check('x7'.repeat(512))).toBeNull();
    expect(check('x7'.repeat(512) + 'q')).toBe('Use at most 1024 characters.');
  });

  it('has no composition rules: a long lower-case passphrase is fine', () => {
    expect(check('purple elephants juggle quietly')).toBeNull();
    expect(check('zzzzqqqqwwwwmmmm')).toBeNull();
  });

  it('refuses the most common passwords, whatever their case', () => {
    for (const common of ['password', 'Password', '12345678', 'iloveyou', 'QWERTYUIOP', 'trustno1', 'sunshine']) {
      expect(check(common)).toBe('This password is one of the most commonly used ones: choose another.');
    }
  });

  it('refuses passwords built from the user’s email or name, or the service’s name', () => {
    const refused = 'Do not build the password from your name, your email or the name of this service.';
    expect(check('ana.ruiz@example.com')).toBe(refused);
    expect(check('ana.ruiz2026')).toBe(refused);
    expect(check('AnaRuiz!!')).toBe(refused);
    expect(check('ana ruiz rules')).toBe(refused);
    expect(check('Auditdesk1')).toBe(refused);
    expect(check('my-auditdesk-pass')).toBe(refused);
    // Short words of a name are too likely by chance to be refused.
    expect(checkPasswordPolicy('banana split sundae', { email: 'al@example.com', name: 'Al Na' })).toBeNull();
  });
});
