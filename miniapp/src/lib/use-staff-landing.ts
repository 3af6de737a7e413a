import Taro, { useDidShow } from '@tarojs/taro';
import { currentSession } from '../api/session';
import { STAFF_HOME } from './staff-roles';

/** Set once this launch has gone to its home page (by login, or by the launch page below). */
let landed = false;

/** Login has just sent the account to its home page (lib/staff-roles homePageFor). */
export function markLanded(): void {
  landed = true;
}

/**
 * For the launch page (the member card): staff open into their 店员工作台 instead, once per launch,
 * so that 我的会员卡 on the workbench still shows them their own card afterwards.
 */
export function useStaffLanding(): void {
  useDidShow(() => {
    if (landed) return;
    landed = true;
    if (currentSession()?.staff) void Taro.reLaunch({ url: STAFF_HOME });
  });
}
