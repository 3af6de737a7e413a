import { jwtVerify, SignJWT } from 'jose';
import { config } from '../lib/config';
import { UnauthorizedError } from '../lib/errors';

/** Our own short-lived session token; WeChat's session_key never leaves the server. */
const TOKEN_TTL_SECONDS = 2 * 3600;
const ISSUER = 'tongka';

export interface Session {
  memberId: string;
  openid: string;
}

const secretKey = () => new TextEncoder().encode(config.tokenSecret);

export async function issueToken(session: Session, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ oid: session.openid })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(session.memberId)
    .setIssuer(ISSUER)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(secretKey());
  return { token, expiresAt: expiresAt * 1000 };
}

export async function verifyToken(token: string | undefined): Promise<Session> {
  if (!token) throw new UnauthorizedError('unauthorized', 'Sign in first: Authorization: Bearer <token> is missing');
  try {
    const { payload } = await jwtVerify(token, secretKey(), { issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || typeof payload.oid !== 'string') throw new Error('claims');
    return { memberId: payload.sub, openid: payload.oid };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') {
      throw new UnauthorizedError('token_expired', 'The session has expired; sign in again');
    }
    throw new UnauthorizedError('invalid_token', 'The session token is not valid; sign in again');
  }
}
