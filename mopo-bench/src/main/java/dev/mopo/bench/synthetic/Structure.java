package dev.mopo.bench.synthetic;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The synthetic preference structures of the benchmark (spec §8). Each turns N responses and a
 * seeded random source into K preference matrices {@code p_k[y][y'] = P(y ≻ y')}.
 */
public enum Structure {
    BT_ALIGNED("bt-aligned", "Bradley-Terry, utilities correlated +0.8", 2) {
        @Override
        double[][][] preferences(int n, Random random) {
            return PreferenceMatrices.bradleyTerry(PreferenceMatrices.correlatedUtilities(n, 2, 0.8, random));
        }
    },
    BT_INDEPENDENT("bt-independent", "Bradley-Terry, independent utilities", 2) {
        @Override
        double[][][] preferences(int n, Random random) {
            return PreferenceMatrices.bradleyTerry(PreferenceMatrices.correlatedUtilities(n, 2, 0, random));
        }
    },
    BT_CONFLICTING("bt-conflicting", "Bradley-Terry, utilities correlated -0.8", 2) {
        @Override
        double[][][] preferences(int n, Random random) {
            return PreferenceMatrices.bradleyTerry(PreferenceMatrices.correlatedUtilities(n, 2, -0.8, random));
        }
    },
    THURSTONE("thurstone", "Thurstone (probit link), utilities correlated -0.5", 2) {
        @Override
        double[][][] preferences(int n, Random random) {
            return PreferenceMatrices.thurstone(PreferenceMatrices.correlatedUtilities(n, 2, -0.5, random));
        }
    },
    DETERMINISTIC("deterministic", "strict orders (p in {0, 1/2, 1}) from utilities correlated -0.5", 2) {
        @Override
        double[][][] preferences(int n, Random random) {
            return PreferenceMatrices.strictOrders(PreferenceMatrices.correlatedUtilities(n, 2, -0.5, random));
        }
    },
    CYCLIC("cyclic", "intransitive: p = 1/2 + 1/2 tanh(a S), S skew-symmetric random, both objectives", 2) {
        @Override
        double[][][] preferences(int n, Random random) {
            return new double[][][] {PreferenceMatrices.cyclic(n, random), PreferenceMatrices.cyclic(n, random)};
        }
    },
    MIXED("mixed", "objective 1 Bradley-Terry, objective 2 cyclic", 2) {
        @Override
        double[][][] preferences(int n, Random random) {
            double[][] utility = PreferenceMatrices.correlatedUtilities(n, 1, 0, random);
            return new double[][][] {PreferenceMatrices.bradleyTerry(utility)[0], PreferenceMatrices.cyclic(n, random)};
        }
    },
    THREE_OBJECTIVE("three-objective", "three Bradley-Terry objectives, pairwise correlation -0.3", 3) {
        @Override
        double[][][] preferences(int n, Random random) {
            return PreferenceMatrices.bradleyTerry(PreferenceMatrices.correlatedUtilities(n, 3, -0.3, random));
        }
    };

    private final String id;
    private final String description;
    private final int objectives;

    Structure(String id, String description, int objectives) {
        this.id = id;
        this.description = description;
        this.objectives = objectives;
    }

    /** The name used on the command line and in reports. */
    public String id() {
        return id;
    }

    /** One line saying how the preferences are made. */
    public String description() {
        return description;
    }

    /** K, the number of objectives. */
    public int objectives() {
        return objectives;
    }

    /** The K preference matrices for {@code n} responses. */
    abstract double[][][] preferences(int n, Random random);

    /** The structure named {@code id}; an unknown name is an error listing the known ones. */
    public static Structure byId(String id) {
        for (Structure structure : values()) {
            if (structure.id.equals(id)) {
                return structure;
            }
        }
        throw new IllegalArgumentException("unknown structure '" + id + "'; the structures are "
                + Arrays.stream(values()).map(Structure::id).collect(Collectors.joining(", ")));
    }
}
