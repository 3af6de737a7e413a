/**
 * 立即使用 on a coupon: the member code, large, ready for the clerk. The card is a tab page
 * (switchTab takes no query), so the request waits here until the card page shows.
 */
import Taro from '@tarojs/taro';
import { CARD_PAGE } from '../api/session';

let requested = false;

export function showMemberCode(): void {
  requested = true;
  void Taro.switchTab({ url: CARD_PAGE });
}

/** The card page, when shown: whether to open the code large (once per request). */
export function takeShowCodeRequest(): boolean {
  const was = requested;
  requested = false;
  return was;
}
