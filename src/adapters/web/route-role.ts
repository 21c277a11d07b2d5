import type { FastifyRequest } from 'fastify';
import type { Role } from '../../core/operator-role.ts';

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

// Reading needs a viewer, anything else an operator, unless a route asks for more.
export function roleForMethod(method: string): Role {
  return method === 'GET' || method === 'HEAD' ? 'viewer' : 'operator';
}
