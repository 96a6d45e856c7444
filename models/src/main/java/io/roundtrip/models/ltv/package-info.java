/**
 * Customer lifetime value: the BG/NBD model of purchase counts (Fader, Hardie &amp; Lee 2005,
 * "Counting Your Customers the Easy Way") and the Gamma-Gamma model of spend per purchase
 * (Fader &amp; Hardie 2013). Pure Java (commons-math3 only); Spark jobs call it.
 *
 * <ol>
 *   <li>{@link io.roundtrip.models.ltv.TransactionsCsv#read} reads
 *       {@code customer_id,date,amount} into {@link io.roundtrip.models.ltv.Transaction}s;
 *   <li>{@link io.roundtrip.models.ltv.Rfm#summarize} turns them into per-customer
 *       {@link io.roundtrip.models.ltv.CustomerSummary} (x, t_x, T, mean repeat value);
 *   <li>{@link io.roundtrip.models.ltv.LtvModel#fit} fits both models
 *       ({@link io.roundtrip.models.ltv.BgNbd#fit}, {@link io.roundtrip.models.ltv.GammaGamma#fit});
 *       a fit that cannot be trusted throws {@link io.roundtrip.models.ltv.FitException};
 *   <li>{@link io.roundtrip.models.ltv.LtvModel#scoreAll} gives each customer a
 *       {@link io.roundtrip.models.ltv.CustomerValue}: P(alive), expected purchases and CLV over
 *       a horizon ({@link io.roundtrip.models.ltv.Clv}), and a CLV decile.
 * </ol>
 *
 * <p>All times are in one {@link io.roundtrip.models.ltv.TimeUnit} (days or weeks), chosen when
 * summarising; the fitted alpha and the horizon are in that unit.
 */
package io.roundtrip.models.ltv;
