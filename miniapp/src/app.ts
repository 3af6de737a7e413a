import { type PropsWithChildren } from 'react';
import './app.scss';

/** The app shell: pages render inside; session state lives in Taro storage (api/session.ts). */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
