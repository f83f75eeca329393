export { createTrafficRouter, TRAFFIC_ROUTER_KINDS, type TrafficRouterConfig, type TrafficRouterFactory } from './create-traffic-router';
export type { TrafficRouterDeps } from './traffic-router-deps';
export { CommandRouter, commandRouterOptionsSchema, type CommandRouterOptions } from './command-router';
export { NginxRouter, nginxRouterOptionsSchema, type NginxRouterOptions } from './nginx-router';
export { renderNginxSplit, parseNginxSplitStamp, NGINX_ROUTE_PATH, type NginxSplit, type NginxSplitStamp } from './render-nginx-split';
