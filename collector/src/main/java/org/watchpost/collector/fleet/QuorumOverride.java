package org.watchpost.collector.fleet;

/**
 * A quorum for one target or for every target of one site; a target's own override wins over its site's.
 *
 * @param target the target name, or null for a site override
 * @param site   the site label, or null for a target override
 */
public record QuorumOverride(String target, String site, Quorum quorum) {
    public QuorumOverride {
        if ((target == null) == (site == null)) {
            throw new IllegalArgumentException("a quorum override names exactly one of target and site");
        }
        if (quorum == null) {
            throw new IllegalArgumentException("a quorum override needs a quorum");
        }
    }
}
