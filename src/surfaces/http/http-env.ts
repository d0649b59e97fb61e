import type { Context } from "hono";
import type { Principal } from "./principal.js";

/** Hono environment of the Mnemo HTTP app: what middleware leaves for handlers. */
export interface HttpEnv {
  Variables: {
    /** Set on `/v1`, `/mem0` and `/mcp` by the principal middleware. */
    principal: Principal;
    requestId: string;
  };
}

/** A request context of the Mnemo HTTP app. */
export type HttpContext = Context<HttpEnv>;
