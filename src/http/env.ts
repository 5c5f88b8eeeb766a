// The Hono environment every route shares: the request's deps and, once authenticated, its token.
import type { ApiToken } from '../core/types';
import type { Deps } from '../services/deps';

export interface AppEnv {
  Variables: {
    deps: Deps;
    token: ApiToken;
  };
}
