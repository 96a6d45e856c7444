package io.roundtrip.models.attribution;

import java.io.Serializable;

/**
 * The share of one conversion that one model gives one touch.
 *
 * @param model the attribution model
 * @param touch the touch credited
 * @param points its share of the conversion, in (0, 1]
 * @param revenue points times the conversion's revenue
 */
public record Credit(AttributionModel model, Touch touch, double points, double revenue)
    implements Serializable {}
