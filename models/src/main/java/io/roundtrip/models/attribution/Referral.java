package io.roundtrip.models.attribution;

import java.io.Serializable;

/**
 * A Smart URL that someone followed.
 *
 * @param trackingId the link's first path segment, naming where it was shared (e.g. "-i34")
 * @param channel the channel of the tracking id (see {@link ReferralLinks#channel})
 * @param shareCode the link's second path segment, naming the person who shared it; null for the
 *     short form ({@code <domain>/<tracking-id>}), which names no one
 */
public record Referral(String trackingId, String channel, String shareCode)
    implements Serializable {}
