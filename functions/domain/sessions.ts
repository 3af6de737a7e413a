import { createHmac, timingSafeEqual } from 'node:crypto';
import { config } from '../lib/config';
import { UnauthorizedError } from '../lib/errors';

/** Our own short-lived session token; WeChat's session_key never leaves the server. */
const TOKEN_TTL_SECONDS = 2 * 3600;
const ISSUER = 'tongka';

export interface Session {
  memberId: string;
  openid: string;
}

/*
 * The token is a JWT (HS256), signed and checked here with node:crypto rather than a JWT library:
 * one algorithm, one issuer and our own claims need 30 lines, not 14 KB in every function.
 * Byte for byte what jose's SignJWT wrote before, so tokens already issued stay valid.
 */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

const signatureOf = (signingInput: string) => createHmac('sha256', config.tokenSecret).update(signingInput).digest('base64url');

interface Claims {
  oid?: unknown;
  sub?: unknown;
  iss?: unknown;
  iat?: unknown;
  exp?: unknown;
  nbf?: unknown;
}

export async function issueToken(session: Session, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + TOKEN_TTL_SECONDS;
  const claims = { oid: session.openid, sub: session.memberId, iss: ISSUER, iat: issuedAt, exp: expiresAt };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return { token: `${signingInput}.${signatureOf(signingInput)}`, expiresAt: expiresAt * 1000 };
}

/** The claims of a token we signed, or undefined: any other header, a bad signature, or not JSON. */
function signedClaims(token: string): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(signatureOf(`${header}.${payload}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const { alg, crit } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown; crit?: unknown };
    if (alg !== 'HS256' || crit !== undefined) return undefined;
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}

export async function verifyToken(token: string | undefined): Promise<Session> {
  if (!token) throw new UnauthorizedError('unauthorized', 'Sign in first: Authorization: Bearer <token> is missing');
  const claims = signedClaims(token);
  const now = Math.floor(Date.now() / 1000);
  if (
    !claims ||
    claims.iss !== ISSUER ||
    typeof claims.exp !== 'number' ||
    (claims.iat !== undefined && typeof claims.iat !== 'number') ||
    (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) ||
    typeof claims.sub !== 'string' ||
    typeof claims.oid !== 'string'
  ) {
    throw new UnauthorizedError('invalid_token', 'The session token is not valid; sign in again');
  }
  if (claims.exp <= now) throw new UnauthorizedError('token_expired', 'The session has expired; sign in again');
  return { memberId: claims.sub, openid: claims.oid };
}
