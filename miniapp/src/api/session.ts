/**
 * The signed-in session, kept in Taro storage so it survives restarts (weapp) and reloads (H5).
 * The token is the API's own short-lived token; WeChat's session_key never reaches the app.
 */
import Taro from '@tarojs/taro';
import * as z from 'zod/mini';
import { LoginResponse, StaffSummary } from '../../../shared/api';
import { PendingDeletion } from '../../../shared/schemas/deletion';

const KEY = 'tongka.session';

export interface Session {
  token: string;
  expiresAt: string;
  staff: StaffSummary | null;
  /** 注销会员 pending (from the login answer, kept current by the 注销会员 page): the card offers 撤销注销. */
  deletion?: PendingDeletion | null;
}

function read(): Session | null {
  try {
    const raw: unknown = Taro.getStorageSync(KEY);
    if (!raw || typeof raw !== 'object') return null;
    const parsed = z
      .extend(z.pick(LoginResponse, { token: true, expiresAt: true }), { staff: z.nullable(StaffSummary), deletion: z.optional(z.nullable(PendingDeletion)) })
      .safeParse(raw);
    if (!parsed.success) return null;
    if (Date.parse(parsed.data.expiresAt) <= Date.now()) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

export function currentSession(): Session | null {
  return read();
}

export function saveSession(login: LoginResponse): Session {
  const session: Session = { token: login.token, expiresAt: login.expiresAt, staff: login.staff, deletion: login.deletion };
  Taro.setStorageSync(KEY, session);
  return session;
}

/** The signed-in user just became staff (加入门店): the same token, now with their staff account. */
export function setSessionStaff(staff: StaffSummary): Session | null {
  const current = read();
  if (!current) return null;
  const session: Session = { ...current, staff };
  Taro.setStorageSync(KEY, session);
  return session;
}

/** The 注销会员 page asked for or withdrew the deletion: the card's 撤销注销 banner follows. */
export function setSessionDeletion(deletion: PendingDeletion | null): void {
  const current = read();
  if (!current || (current.deletion?.dueAt ?? null) === (deletion?.dueAt ?? null)) return;
  Taro.setStorageSync(KEY, { ...current, deletion } satisfies Session);
}

/**
 * The API answered not_staff (离职, or staff rights otherwise gone): the staff part of the session is
 * dropped, so the staff entry points disappear on the next show; the member stays signed in.
 */
export function dropSessionStaff(): void {
  const current = read();
  if (!current?.staff) return;
  Taro.setStorageSync(KEY, { ...current, staff: null } satisfies Session);
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(KEY);
  } catch {
    // Storage can fail on a full device; the token is gone from memory either way.
  }
}

export const LOGIN_PAGE = '/pages/login/index';
export const CARD_PAGE = '/pages/card/index';

/** Back to the login page, dropping the page stack (used on 401 and 退出登录). */
export function goToLogin(): void {
  clearSession();
  void Taro.reLaunch({ url: LOGIN_PAGE });
}
