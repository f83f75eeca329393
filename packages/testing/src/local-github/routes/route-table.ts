import { commitRoutes } from './commit-routes';
import { deploymentRoutes } from './deployment-routes';
import { gitRoutes } from './git-routes';
import { issueRoutes } from './issue-routes';
import { labelRoutes } from './label-routes';
import { repositoryRoutes } from './repository-routes';
import type { RouteTable } from './route-types';

/** Every implemented operation by GitHub operationId. */
export const routeTable: RouteTable = {
  ...repositoryRoutes,
  ...deploymentRoutes,
  ...issueRoutes,
  ...labelRoutes,
  ...commitRoutes,
  ...gitRoutes,
};
