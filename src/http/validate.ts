// Request validation with @hono/zod-validator; a failure becomes a `validation_failed` problem.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { invalid } from '../core/errors';
import type * as z from '../core/zod';
import { zodProblems } from './problem';

export function validate<T extends z.core.$ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const where = target === 'json' ? [] : [target];
      throw invalid(zodProblems(result.error, where));
    }
  });
}
