import { deploymentStatusUrl, renderDeployment, renderDeploymentStatus } from '../render/render-deployment';
import { createDeploymentStatus, listDeploymentStatuses, requireDeploymentStatus, type DeploymentStatusInput } from '../store/deployment-statuses';
import { createDeployment, deleteDeployment, listDeployments, requireDeployment, type DeploymentFilters, type DeploymentInput } from '../store/deployments';
import { paginate } from './paginate';
import { integer, listReply, repositoryOf, type RouteTable } from './route-types';

/** The Deployments API: deployments and their statuses. */
export const deploymentRoutes: RouteTable = {
  'repos/create-deployment': (ctx) => {
    const repo = repositoryOf(ctx);
    const outcome = createDeployment(ctx.store, repo, ctx.body as DeploymentInput);
    if (outcome.kind === 'merged') return { status: 202, body: { message: outcome.message } };
    const body = renderDeployment(ctx.render, repo, outcome.deployment);
    return { status: 201, body, headers: { location: String(body.url) } };
  },
  'repos/list-deployments': (ctx) => {
    const repo = repositoryOf(ctx);
    const page = paginate(listDeployments(repo, ctx.query as DeploymentFilters), ctx.query, ctx.requestUrl);
    return listReply(page.items.map((d) => renderDeployment(ctx.render, repo, d)), page.link);
  },
  'repos/get-deployment': (ctx) => {
    const repo = repositoryOf(ctx);
    return { status: 200, body: renderDeployment(ctx.render, repo, requireDeployment(repo, integer(ctx.params, 'deployment_id'))) };
  },
  'repos/delete-deployment': (ctx) => {
    deleteDeployment(repositoryOf(ctx), integer(ctx.params, 'deployment_id'));
    return { status: 204 };
  },
  'repos/create-deployment-status': (ctx) => {
    const repo = repositoryOf(ctx);
    const deployment = requireDeployment(repo, integer(ctx.params, 'deployment_id'));
    const status = createDeploymentStatus(ctx.store, repo, deployment, ctx.body as DeploymentStatusInput);
    return { status: 201, body: renderDeploymentStatus(ctx.render, repo, deployment, status), headers: { location: deploymentStatusUrl(ctx.render, repo, deployment, status) } };
  },
  'repos/list-deployment-statuses': (ctx) => {
    const repo = repositoryOf(ctx);
    const deployment = requireDeployment(repo, integer(ctx.params, 'deployment_id'));
    const page = paginate(listDeploymentStatuses(deployment), ctx.query, ctx.requestUrl);
    return listReply(page.items.map((s) => renderDeploymentStatus(ctx.render, repo, deployment, s)), page.link);
  },
  'repos/get-deployment-status': (ctx) => {
    const repo = repositoryOf(ctx);
    const deployment = requireDeployment(repo, integer(ctx.params, 'deployment_id'));
    const status = requireDeploymentStatus(deployment, integer(ctx.params, 'status_id'));
    return { status: 200, body: renderDeploymentStatus(ctx.render, repo, deployment, status) };
  },
};
