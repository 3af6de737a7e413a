/** One identity per person: 绑定手机号 (which may merge a walk-in member), 申请人工处理, and HQ's 重复会员. One declaration per route (README § API). */
import {
  BindPhoneRequest,
  BindPhoneResponse,
  DuplicateCase,
  DuplicateCasePath,
  DuplicateDecisionRequest,
  DuplicatesResponse,
  PhoneHelpRequest,
  PhoneHelpResponse,
} from '../../schemas/identity';
import { HQ } from './common';
import { defineRoute } from '../define';

export const identityRoutes = {
  mePhoneBind: defineRoute({
    method: 'POST',
    path: '/v1/me/phone',
    tag: 'identity',
    summary: '绑定手机号: the getPhoneNumber code is exchanged with WeChat; a walk-in member holding the phone is merged into this card',
    description:
      'The code works once, so a retry must carry the same Idempotency-Key: it answers the first outcome without asking WeChat again. A phone bound to another WeChat member is refused (phone_taken) and opens a 重复会员 case HQ decides.',
    access: 'member',
    body: BindPhoneRequest,
    idempotent: true,
    response: BindPhoneResponse,
    errors: [
      'consent_required',
      'member_not_found',
      'invalid_phone_code',
      'phone_not_mainland',
      'phone_taken',
      'members_already_merged',
      'wechat_unavailable',
      'wechat_rate_limited',
    ],
  }),
  mePhoneHelp: defineRoute({
    method: 'POST',
    path: '/v1/me/phone/help',
    tag: 'identity',
    summary: '申请人工处理: the member asks HQ to look at their phone conflict (asking again updates the note)',
    access: 'member',
    body: PhoneHelpRequest,
    response: PhoneHelpResponse,
    errors: ['member_not_found', 'duplicate_case_not_found', 'case_decided'],
  }),
  adminDuplicates: defineRoute({
    method: 'GET',
    path: '/v1/admin/duplicates',
    tag: 'identity',
    summary: '重复会员: the open cases (phones bound to another WeChat member, and members’ help requests), oldest first',
    access: 'staff',
    roles: HQ,
    response: DuplicatesResponse,
  }),
  adminDuplicateDecision: defineRoute({
    method: 'POST',
    path: '/v1/admin/duplicates/{caseId}/decision',
    tag: 'identity',
    summary: 'Merge the two members of a case (the phone’s holder survives) or reject it; audited',
    description: 'Deciding a case again the same way answers the same case (a merge cut off halfway is finished); deciding it the other way is refused (case_decided).',
    access: 'staff',
    roles: HQ,
    params: DuplicateCasePath,
    body: DuplicateDecisionRequest,
    response: DuplicateCase,
    errors: ['duplicate_case_not_found', 'case_decided', 'members_already_merged', 'member_not_found'],
  }),
};
