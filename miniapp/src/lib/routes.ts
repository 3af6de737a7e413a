/** The member pages' paths, for navigateTo (booking's are in lib/booking.ts, login's and the card's in api/session.ts). */
export const COUPON_CENTER_PAGE = '/coupons/center/index';
export const MY_COUPONS_PAGE = '/coupons/mine/index';
export const SETTINGS_PAGE = '/me/settings/index';
export const LEDGER_PAGE = '/pages/ledger/index';
export const STORES_PAGE = '/pages/stores/index';
