/**
 * The personal fields sealed at rest (README § Encryption): the phone and the birth year. Sealing
 * and opening go through here; everything else handles only the phone's keyed hash (lookups,
 * claims) and its masked form (what staff see).
 */
import { open, phoneIndexOf, seal } from '../lib/field-crypto';
import type { MemberRecord, SealedPhone } from '../store/records';

export type { SealedPhone };

/** 138****1234: enough for staff to confirm who is in front of them. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export async function sealPhone(phone: string): Promise<SealedPhone> {
  return { phoneSealed: await seal(phone, 'phone'), phoneIndex: phoneIndexOf(phone), phoneMasked: maskPhone(phone) };
}

/** The member's own phone in clear: for the member themself (profile, export), never for staff. */
export async function phoneOf(member: Pick<MemberRecord, 'phoneSealed'>): Promise<string | null> {
  return member.phoneSealed ? open(member.phoneSealed, 'phone') : null;
}

export const sealBirthYear = (year: number) => seal(String(year), 'birthYear');

export async function birthYearOf(member: Pick<MemberRecord, 'birthYearSealed'>): Promise<number | null> {
  return member.birthYearSealed ? Number(await open(member.birthYearSealed, 'birthYear')) : null;
}
