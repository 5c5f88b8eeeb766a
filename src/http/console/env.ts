// The console's Hono environment: the app's deps plus, once signed in, the session and its CSRF token.
import type { ConsoleSession } from '../../services/console-sessions';
import type { AppEnv } from '../env';

export interface ConsoleEnv {
  Variables: AppEnv['Variables'] & {
    session: ConsoleSession | null;
    sessionId: string | null;
    /** The CSRF token every form on this response carries (the session's, or the pre-session cookie's). */
    csrf: string;
  };
}
