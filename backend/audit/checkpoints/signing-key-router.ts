import { Hono } from 'hono';
import type { SigningKey as SigningKeyBody } from '../../../shared/api-client-integrity-responses';
import type { AppDeps } from '../../deps';
import type { AppEnv } from '../../http/app-env';
import { publicKeyPem } from './key';

/** The public half of the signing key as SigningKeyBody: public, so anyone holding a checkpoint can check it. */
export function signingKeyBody(deps: Pick<AppDeps, 'signing'>): SigningKeyBody {
  return { algorithm: 'Ed25519', keyId: deps.signing.keyId, publicKey: publicKeyPem(deps.signing) };
}

/** `GET /audit/signing-key`, answered to anyone, signed in or not. */
export function signingKeyRouter(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', (c) => c.json(signingKeyBody(deps)));
}

/** `GET /.well-known/auditdesk-signing-key`: the public key as PEM, at a path that does not change with the API's version. */
export function wellKnownSigningKeyRouter(deps: AppDeps) {
  return new Hono<AppEnv>().get('/auditdesk-signing-key', (c) =>
    c.body(publicKeyPem(deps.signing), 200, { 'content-type': 'application/x-pem-file', 'cache-control': 'public, max-age=300' }),
  );
}
