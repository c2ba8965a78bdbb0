package dev.mopo.bench.sweep;

import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One loss of a sweep and the points it is trained at: MOPO's {@code thresholds} (one value per
 * constrained objective each), the {@code loss_weights} of the scalarised baselines and MODPO
 * ({@code dpo-ls}, {@code ipo-ls}, {@code modpo}), the frozen {@code lambdas} of {@code mopo-fixed},
 * or nothing for a plain loss ({@code dpo}, {@code ipo}, {@code cdpo}: one run).
 *
 * @param loss the loss
 * @param points the values of the loss's setting ({@link #settingOf}), one map per run; empty for a plain loss
 */
public record SweepMethod(LossKind loss, List<Map<String, Double>> points) {

    /** Checks that the points fit the loss; copies them. */
    public SweepMethod {
        if (loss == null) {
            throw new IllegalArgumentException("a sweep method needs a loss");
        }
        points = points.stream().map(Map::copyOf).toList();
        String setting = settingOf(loss);
        if (setting == null && !points.isEmpty()) {
            throw new IllegalArgumentException("loss " + loss + " takes no points (thresholds, loss_weights or lambdas):"
                    + " it is trained once per seed");
        }
        if (setting != null && points.isEmpty()) {
            throw new IllegalArgumentException("loss " + loss + " needs at least one value of " + setting);
        }
        for (Map<String, Double> point : points) {
            if (point.isEmpty()) {
                throw new IllegalArgumentException("loss " + loss + ": every value of " + setting
                        + " names at least one objective");
            }
        }
    }

    /** MOPO at each of {@code thresholds}. */
    public static SweepMethod mopo(List<Map<String, Double>> thresholds) {
        return new SweepMethod(LossKind.MOPO, thresholds);
    }

    /** A loss weighted by each of {@code weights}: {@code dpo-ls}, {@code ipo-ls} or {@code modpo}. */
    public static SweepMethod weighted(LossKind loss, List<Map<String, Double>> weights) {
        return new SweepMethod(loss, weights);
    }

    /** A loss without points ({@code dpo}, {@code ipo}, {@code cdpo}). */
    public static SweepMethod plain(LossKind loss) {
        return new SweepMethod(loss, List.of());
    }

    /** The setting the points of {@code loss} give: {@code thresholds}, {@code loss_weights}, {@code lambdas}, or null. */
    public static String settingOf(LossKind loss) {
        switch (loss) {
            case MOPO:
                return "thresholds";
            case MOPO_FIXED:
                return "lambdas";
            case DPO_LS:
            case IPO_LS:
            case MODPO:
                return "loss_weights";
            default:
                return null;
        }
    }

    /** {@code builder} set to this loss at {@code point} (ignored for a plain loss). */
    TrainConfigBuilder apply(TrainConfigBuilder builder, Map<String, Double> point) {
        builder.loss(loss);
        switch (loss) {
            case MOPO:
                return builder.thresholds(point);
            case MOPO_FIXED:
                return builder.lambdas(point);
            case DPO_LS:
            case IPO_LS:
            case MODPO:
                return builder.lossWeights(point);
            default:
                return builder;
        }
    }

    /** The part of a run's name this point gives: {@code harmless0.55} or {@code harmless0.5-helpful0.5}. */
    static String describe(Map<String, Double> point) {
        StringBuilder name = new StringBuilder();
        for (Map.Entry<String, Double> entry : new TreeMap<>(point).entrySet()) {
            name.append(name.length() == 0 ? "" : "-").append(entry.getKey().replaceAll("[^A-Za-z0-9._]", "_"))
                    .append(new BigDecimal(Double.toString(entry.getValue())).stripTrailingZeros()
                            .toPlainString());
        }
        return name.toString();
    }
}
