import type { DevAccount } from '../../shared/schemas/auth';
import { listDemoAccounts } from '../store/demo';
import { chainStores } from './stores';

/** The seeded demo accounts with the login code the fake WeChat server accepts for each. */
export async function devAccounts(): Promise<DevAccount[]> {
  const [accounts, stores] = await Promise.all([listDemoAccounts(), chainStores()]);
  const names = new Map(stores.map((s) => [s.id, s.name]));
  return accounts.map((account) => ({
    role: account.role,
    name: account.name,
    openid: account.openid,
    code: `dev-${account.openid}`,
    storeId: account.storeId,
    storeName: account.storeId ? (names.get(account.storeId) ?? null) : null,
  }));
}
