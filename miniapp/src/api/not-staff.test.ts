import { staffAdminRoutes } from '../../../shared/contract/routes/staff-admin';
import { callRoute } from './client';
import { ApiError } from './errors';
import { currentSession } from './session';

/** Taro's storage and request, in memory: the session as the app keeps it, and the API's answer. */
const storage = new Map<string, unknown>();
const answer = { statusCode: 200, data: {} as unknown };
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    removeStorageSync: (key: string) => storage.delete(key),
    reLaunch: jest.fn(),
    request: jest.fn(async () => ({ statusCode: answer.statusCode, data: answer.data, header: {} })),
  },
}));

const staff = { staffId: 's1', name: '李雷', role: 'clerk' as const, storeId: 'store-jingan', storeName: '静安寺店' };
const signedInAsStaff = () => storage.set('tongka.session', { token: 'tok', expiresAt: new Date(Date.now() + 3600_000).toISOString(), staff });
const refuse = (status: number, code: string) => {
  answer.statusCode = status;
  answer.data = { error: { code, message: code } };
};

beforeEach(() => storage.clear());

describe('a staff member whose rights are gone', () => {
  it('keeps the member signed in and drops the staff part of the session on not_staff, with the Chinese message', async () => {
    signedInAsStaff();
    refuse(403, 'not_staff');
    const error = await callRoute(staffAdminRoutes.adminStaffList).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('仅限门店店员使用');
    expect(currentSession()).toEqual(expect.objectContaining({ token: 'tok', staff: null }));
  });

  it('keeps the staff part on any other refusal', async () => {
    signedInAsStaff();
    refuse(403, 'other_store');
    await expect(callRoute(staffAdminRoutes.adminStaffList)).rejects.toBeInstanceOf(ApiError);
    expect(currentSession()?.staff).toEqual(staff);
  });
});
