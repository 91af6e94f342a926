import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import {
  IntegrityVerificationView,
  SignDigestInput,
  SignedDigestView,
  StartIntegrityVerificationInput,
} from './integrity-types';
import { signedDigestView, verificationView } from './integrity-views';

/** Signed digests on demand and verification jobs (invariant 12). */
@Resolver()
export class IntegrityMutations {
  // Nullable, as every mutation: a refusal nulls this field only, never the others' results.
  @Mutation(() => SignedDigestView, {
    nullable: true,
    description:
      "Have the product sign the tenant's digest now, chained to the latest one (it also signs on a schedule and after erasures). Admins.",
  })
  async signDigest(
    @Arg('input', () => SignDigestInput, { description: 'The client-chosen `commandId` of this signing.' })
    input: SignDigestInput,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<SignedDigestView> {
    const digest = await vouch.signDigest(principal, input.commandId);
    return signedDigestView(digest, vouch.digests!.publicKeyPem);
  }

  @Mutation(() => IntegrityVerificationView, {
    nullable: true,
    description:
      "Start verifying the tenant's whole history against its signed digests, off the request path (the running one is returned while it runs); poll `integrityVerification(id:)`. Auditors and admins.",
  })
  async startIntegrityVerification(
    @Arg('input', () => StartIntegrityVerificationInput, {
      description: 'The client-chosen `commandId` of this verification.',
    })
    input: StartIntegrityVerificationInput,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<IntegrityVerificationView> {
    return verificationView(await vouch.startIntegrityVerification(principal, input.commandId));
  }
}
