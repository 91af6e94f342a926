import { isAllowed, PERMISSIONS, type Operation } from '@vouch/application';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { Viewer } from './viewer';

/** Who is calling, and what their roles allow. */
@Resolver(() => Viewer)
export class ViewerQuery {
  @Query(() => Viewer, { description: 'The signed-in user: tenant, roles and allowed operations.' })
  viewer(@Ctx() context: ApiContext): Viewer {
    const { principal } = context;
    const viewer = new Viewer();
    viewer.userId = principal.userId;
    viewer.tenantId = principal.tenantId;
    viewer.roles = [...principal.roles];
    viewer.allowedOperations = (Object.keys(PERMISSIONS) as Operation[]).filter((operation) =>
      isAllowed(principal, operation),
    );
    return viewer;
  }
}
