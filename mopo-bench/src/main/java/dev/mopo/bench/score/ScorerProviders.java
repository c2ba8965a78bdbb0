package dev.mopo.bench.score;

import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The Java scorers on the class path: every {@link ScorerProvider} {@link ServiceLoader} finds. */
public final class ScorerProviders {

    private ScorerProviders() {}

    /** Every provider on the class path by id, sorted. */
    public static Map<String, ScorerProvider> all() {
        Map<String, ScorerProvider> providers = new TreeMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (ScorerProvider provider : ServiceLoader.load(ScorerProvider.class,
                loader == null ? ScorerProviders.class.getClassLoader() : loader)) {
            ScorerProvider clash = providers.putIfAbsent(provider.id(), provider);
            if (clash != null && clash.getClass() != provider.getClass()) {
                throw new IllegalArgumentException("two Java scorers on the class path have the id '" + provider.id()
                        + "': " + clash.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return providers;
    }

    /**
     * The provider with {@code id}.
     *
     * @throws IllegalArgumentException listing the ids on the class path when none has it
     */
    public static ScorerProvider find(String id) {
        Map<String, ScorerProvider> providers = all();
        ScorerProvider provider = providers.get(id);
        if (provider == null) {
            throw new IllegalArgumentException("no Java scorer with the id '" + id + "' on the class path; the ids are "
                    + providers.keySet() + " (a jar adds one with META-INF/services/" + ScorerProvider.class.getName()
                    + ")");
        }
        return provider;
    }

    /** {@link ScorerSpec#provided}. */
    record Spec(String name, String id) implements ScorerSpec {

        Spec {
            ScorerSpec.checkName(name);
            Names.check("Java scorer id", id);
        }

        @Override
        public String describe() {
            return "java:" + id;
        }

        @Override
        public void check() {
            find(id);
        }

        @Override
        public Scorer open(ScorerContext context) throws IOException {
            return find(id).create(name);
        }
    }
}
