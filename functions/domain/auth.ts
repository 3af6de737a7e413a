import type { LoginResponse } from '../../shared/schemas/auth';
import { shanghaiIso } from '../../shared/dates';
import { countLogin } from './abuse-limits';
import { chainStores } from './stores';
import { privacyStatusOf } from './consent';
import { cardOf, memberForWechatUser } from './members';
import { pendingDeletionOf } from '../store/deletion';
import { isPendingMember } from '../store/pending-members';
import { issueToken } from './sessions';
import { staffFor } from './staff';
import { welcomeMember } from './welcome';
import type { WechatIdentity } from '../wechat/client';

/**
 * One member per WeChat user (created on first login, kept only once it agrees to the privacy
 * notice: store/pending-members.ts), plus the staff rights the user has.
 */
export async function login(identity: WechatIdentity, now = Date.now()): Promise<LoginResponse> {
  await countLogin(identity.openid, now);
  const member = await memberForWechatUser(identity, now);
  // A first login's member is welcomed when it agrees to the privacy notice (consent.ts): one who
  // declines leaves nothing behind, not even a coupon.
  if (!isPendingMember(member)) await welcomeMember(member, now);
  const staff = await staffFor(identity.openid);
  const { token, expiresAt } = await issueToken({ memberId: member.memberId, openid: identity.openid }, now);
  const card = cardOf(member, now);
  let staffSummary: LoginResponse['staff'] = null;
  if (staff) {
    const store = staff.storeId ? (await chainStores(now)).find((s) => s.id === staff.storeId) : undefined;
    staffSummary = { staffId: staff.staffId, name: staff.name, role: staff.role, storeId: staff.storeId, storeName: store?.name ?? null };
  }
  return {
    token,
    expiresAt: shanghaiIso(expiresAt),
    member: { memberNo: card.memberNo, nickname: card.nickname, tier: card.tier, points: card.points },
    staff: staffSummary,
    deletion: pendingDeletionOf(member),
    privacy: privacyStatusOf(member),
  };
}
