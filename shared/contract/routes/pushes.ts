/** The member's own data, privacy switches and subscribe-message consent. One declaration per route (README § API). */
import { MessageTemplates, Preferences, Profile, ProfileUpdate, SubscriptionResults } from '../../schemas/pushes';
import { defineRoute } from '../define';

export const pushesRoutes = {
  meProfile: defineRoute({
    method: 'GET',
    path: '/v1/me/profile',
    tag: 'pushes',
    summary: 'The member’s own data: birthday, full phone, privacy switches, subscription credits',
    access: 'member',
    response: Profile,
    errors: ['member_not_found'],
  }),
  meProfileUpdate: defineRoute({
    method: 'PUT',
    path: '/v1/me/profile',
    tag: 'pushes',
    summary: 'Correct nickname and birthday',
    access: 'member',
    body: ProfileUpdate,
    response: Profile,
    errors: ['consent_required', 'member_not_found'],
  }),
  mePreferences: defineRoute({
    method: 'PUT',
    path: '/v1/me/preferences',
    tag: 'pushes',
    summary: 'One tap: marketing pushes and segment-based targeting off or on (PIPL art. 24)',
    access: 'member',
    body: Preferences,
    response: Profile,
    errors: ['member_not_found'],
  }),
  meSubscriptions: defineRoute({
    method: 'POST',
    path: '/v1/me/subscriptions',
    tag: 'pushes',
    summary: 'What wx.requestSubscribeMessage answered; each acceptance is one send',
    access: 'member',
    body: SubscriptionResults,
    response: Profile,
    errors: ['member_not_found'],
  }),
  messageTemplates: defineRoute({
    method: 'GET',
    path: '/v1/subscriptions/templates',
    tag: 'pushes',
    summary: 'The subscribe-message template ids the app asks the member to accept, per purpose',
    access: 'public',
    response: MessageTemplates,
  }),
};
