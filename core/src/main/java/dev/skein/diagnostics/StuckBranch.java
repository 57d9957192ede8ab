package dev.skein.diagnostics;

/**
 * A branch that still runs though it was cancelled longer ago than its scope's cancellation grace, with the
 * scope it belongs to. See {@link Diagnostics#stuckBranches()}.
 *
 * @param scopeId the id of its scope
 * @param scopeName the name of its scope
 * @param branch the branch, with where it waits; its nested scopes are left out
 */
public record StuckBranch(long scopeId, String scopeName, BranchSnapshot branch) {
}
