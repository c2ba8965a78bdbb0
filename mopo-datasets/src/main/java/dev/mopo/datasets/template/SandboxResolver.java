package dev.mopo.datasets.template;

import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.util.ForLoop;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.MethodNotFoundException;

/**
 * The expression resolver of sandboxed chat templates. Templates see only maps, lists, strings,
 * numbers and booleans, and may call only what Python's {@code dict}, {@code list} and
 * {@code str} offer (plus Jinjava's own filter, test and loop plumbing); any other method call
 * fails, and properties resolve only on maps, lists and the loop variable, so no Java object
 * (the interpreter included) can be reached through a template.
 */
final class SandboxResolver extends ELResolver {

    private static final Set<String> MAP_METHODS = Set.of("items", "keys", "values", "get", "update", "pop",
            "setdefault", "copy");
    private static final Set<String> LIST_METHODS = Set.of("append", "extend", "insert", "pop", "index", "count",
            "reverse", "copy");

    private final ELResolver delegate;

    SandboxResolver(ELResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null || base instanceof Map || base instanceof List || base instanceof ForLoop
                || base.getClass().isArray()) {
            return delegate.getValue(context, base, property);
        }
        context.setPropertyResolved(true);
        return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        String name = String.valueOf(method);
        Object[] args = params == null ? new Object[0] : params;
        if (base instanceof String && PythonStrings.METHODS.contains(name)) {
            context.setPropertyResolved(true);
            return PythonStrings.call((String) base, name, args);
        }
        if (allowed(base, name)) {
            return delegate.invoke(context, base, method, paramTypes, params);
        }
        throw new MethodNotFoundException("'" + name + "' cannot be called on "
                + (base == null ? "nothing" : base.getClass().getSimpleName()) + " in a sandboxed chat template");
    }

    private static boolean allowed(Object base, String name) {
        return base instanceof Filter && "filter".equals(name)
                || base instanceof ExpTest && ("evaluate".equals(name) || "evaluateNegated".equals(name))
                || base instanceof Map && MAP_METHODS.contains(name)
                || base instanceof List && LIST_METHODS.contains(name)
                || base instanceof ForLoop && "cycle".equals(name);
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return delegate.getType(context, base, property);
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        delegate.setValue(context, base, property, value);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return delegate.isReadOnly(context, base, property);
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return delegate.getFeatureDescriptors(context, base);
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return delegate.getCommonPropertyType(context, base);
    }
}
