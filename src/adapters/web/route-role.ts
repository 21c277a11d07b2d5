import type { FastifyRequest } from 'fastify';
import { roleForMethod, type Role } from '../security/operator-role.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    // The least role that may use a console or API route; unset: decided by
    // the method (reading needs a viewer, anything else an operator).
    role?: Role;
  }
}

export function neededRole(request: FastifyRequest): Role {
  return request.routeOptions.config.role ?? roleForMethod(request.method);
}
