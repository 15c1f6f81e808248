import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  /** Upper case, as Fastify reports it, e.g. `GET`. */
  method: string;
  /** Fastify path syntax, e.g. `/cases/:id`. */
  url: string;
}

const tables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Records every route added to `app` from now on, including Fastify's automatic HEAD routes, so
 * tests can hold the API description against what the server really serves. Must run before the
 * first route is registered: `onRoute` does not see earlier ones.
 */
export function trackRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  tables.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method: method.toUpperCase(), url: route.url });
  });
}

/** The routes recorded by `trackRoutes`; throws for an app that was not tracked. */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  const routes = tables.get(app);
  if (!routes) throw new Error('trackRoutes was not called on this app');
  return routes;
}
