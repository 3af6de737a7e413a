import { useDidShow } from '@tarojs/taro';
import { currentSession, goToLogin, type Session } from '../api/session';

/**
 * Every page but login: on each show, back to login when there is no session (it expired, or the
 * member logged out on another page), else `onShow` with the session.
 */
export function useSignedInShow(onShow: (session: Session) => void): void {
  useDidShow(() => {
    const session = currentSession();
    if (!session) {
      goToLogin();
      return;
    }
    onShow(session);
  });
}
