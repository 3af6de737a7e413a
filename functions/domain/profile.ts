import type * as z from 'zod/mini';
import type { Preferences, Profile, ProfileUpdate } from '../../shared/schemas/pushes';
import { config } from '../lib/config';
import { UnauthorizedError, ValidationError } from '../lib/errors';
import { addCredits, creditsOf } from '../store/campaigns';
import { updateMemberFields } from '../store/members';
import type { MemberRecord } from '../store/records';
import { requireConsent } from './consent';
import { requireSignedInMember } from './members';
import { birthYearOf, phoneOf, sealBirthYear } from './personal-data';

/** The member's own view: the only place (with the export) their phone and birth year are opened. */
async function profileOf(member: MemberRecord): Promise<Profile> {
  const credits = creditsOf(member);
  const templates = config.messageTemplates;
  return {
    memberNo: member.memberNo,
    nickname: member.nickname,
    phone: await phoneOf(member),
    birthday: member.birthday ?? null,
    birthYear: await birthYearOf(member),
    marketingOptOut: member.marketingOptOut ?? false,
    targetingOptOut: member.targetingOptOut ?? false,
    subscriptions: {
      birthday: credits[templates.birthday] ?? 0,
      reactivation: credits[templates.reactivation] ?? 0,
      bookingReminder: credits[templates.bookingReminder] ?? 0,
    },
  };
}

export async function myProfile(memberId: string): Promise<Profile> {
  return profileOf(await requireSignedInMember(memberId));
}

/** The member corrects their data (PIPL): nickname, birthday ('MM-DD' is what the birthday job reads). */
/** A merged member's old session changes nothing: its fields are the survivor's now. */
function stillTheMember(member: MemberRecord | undefined): MemberRecord {
  if (!member) throw new UnauthorizedError('member_merged', 'This card was merged into another member; sign in again');
  return member;
}

export async function updateProfile(memberId: string, update: z.output<typeof ProfileUpdate>): Promise<Profile> {
  // A nickname or a birthday is personal data: nothing is collected before the notice is agreed to.
  requireConsent(await requireSignedInMember(memberId));
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  if (update.nickname !== undefined) set.nickname = update.nickname;
  if (update.birthday === null) remove.push('birthday', 'birthYearSealed');
  else if (update.birthday !== undefined) {
    set.birthday = update.birthday.slice(-5);
    if (update.birthday.length === 10) set.birthYearSealed = await sealBirthYear(Number(update.birthday.slice(0, 4)));
    else remove.push('birthYearSealed');
  }
  return profileOf(stillTheMember(await updateMemberFields(memberId, set, remove)));
}

/** One tap switches marketing pushes, or segment-based targeting, off (PIPL art. 24). */
export async function setPreferences(memberId: string, preferences: z.output<typeof Preferences>): Promise<Profile> {
  const set: Record<string, unknown> = {};
  if (preferences.marketingOptOut !== undefined) set.marketingOptOut = preferences.marketingOptOut;
  if (preferences.targetingOptOut !== undefined) set.targetingOptOut = preferences.targetingOptOut;
  return profileOf(stillTheMember(await updateMemberFields(memberId, set, [])));
}

/** Each 'accept' from wx.requestSubscribeMessage is one credit: one later send of that template. */
export async function recordSubscriptions(memberId: string, results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>): Promise<Profile> {
  const known = new Set(Object.values(config.messageTemplates));
  const unknown = Object.keys(results).find((id) => !known.has(id));
  if (unknown) throw new ValidationError([{ field: `results.${unknown}`, message: 'not one of this mini-program’s message templates' }]);
  await requireSignedInMember(memberId);
  await addCredits(
    memberId,
    Object.entries(results)
      .filter(([, r]) => r === 'accept')
      .map(([id]) => id),
  );
  return myProfile(memberId);
}
