import { View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { currentSession, type Session } from '../api/session';
import { useSignedInShow } from '../lib/use-signed-in';
import { TopBar } from './TopBar';

/**
 * Every member page: the page's frame (`tk-page` + its class, the H5 top bar on non-tab pages),
 * and its content only with a session — without one the member is sent to login and the content's
 * loads never start. The session is read again on every show.
 *
 *   export default () => <MemberPage className="tk-x-page">{() => <X />}</MemberPage>;
 */
export function MemberPage({
  className,
  title,
  tab = false,
  children,
}: {
  className: string;
  /** The top bar's title when it is not the page config's (e.g. 改约). */
  title?: string;
  /** A tab page: WeChat's tab bar instead of a top bar. */
  tab?: boolean;
  children: (session: Session) => ReactNode;
}) {
  const [session, setSession] = useState<Session | null>(() => currentSession());
  useSignedInShow(setSession);
  return (
    <View className={`tk-page ${className}`}>
      {tab ? null : <TopBar title={title} />}
      {session ? children(session) : null}
    </View>
  );
}
