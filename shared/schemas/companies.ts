import * as v from 'valibot';
import { CustomAttributes, Email, LanguageTag, OptionalText, Phone, SafeString, SocialProfiles, Tags, Text, Url } from './common';

const companyFields = {
  name: Text(200),
  externalId: OptionalText(128),
  avatarUrl: v.nullable(Url),
  emails: v.pipe(v.array(Email), v.maxLength(20)),
  phones: v.pipe(v.array(Phone), v.maxLength(20)),
  socials: SocialProfiles,
  urls: v.pipe(v.array(Url), v.maxLength(20)),
  location: OptionalText(200),
  domain: v.nullable(v.pipe(SafeString, v.trim(), v.toLowerCase(), v.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a domain like example.com'))),
  employeeCount: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000))),
  tags: Tags,
  defaultLanguage: v.nullable(LanguageTag),
  custom: CustomAttributes,
};

export const CompanyCreate = v.strictObject({
  name: companyFields.name,
  externalId: v.optional(companyFields.externalId, null),
  avatarUrl: v.optional(companyFields.avatarUrl, null),
  emails: v.optional(companyFields.emails, []),
  phones: v.optional(companyFields.phones, []),
  socials: v.optional(companyFields.socials, {}),
  urls: v.optional(companyFields.urls, []),
  location: v.optional(companyFields.location, null),
  domain: v.optional(companyFields.domain, null),
  employeeCount: v.optional(companyFields.employeeCount, null),
  tags: v.optional(companyFields.tags, []),
  defaultLanguage: v.optional(companyFields.defaultLanguage, null),
  custom: v.optional(companyFields.custom, {}),
});

export const CompanyPatch = v.partial(v.strictObject(companyFields));

export type CompanyCreateInput = v.InferOutput<typeof CompanyCreate>;
