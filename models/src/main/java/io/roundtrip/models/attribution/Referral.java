package io.roundtrip.models.attribution;

import java.io.Serializable;

/**
 * A referral smart link that someone followed.
 *
 * @param trackingId the link's first path segment, naming where it was shared (e.g. "-i34")
 * @param channel the channel configured for the tracking id, or {@value ReferralLinks#UNKNOWN}
 * @param shareCode the link's second path segment, naming the person who shared it
 */
public record Referral(String trackingId, String channel, String shareCode)
    implements Serializable {}
