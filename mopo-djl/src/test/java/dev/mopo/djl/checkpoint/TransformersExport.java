package dev.mopo.djl.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes every fixture model with our writer (fp32, bf16, and one sharded) for
 * {@code src/test/fixtures/verify_written_checkpoints.py} to load into transformers. Runs only
 * when asked, as the check needs Python:
 * <pre>
 *   ./mvnw -o -pl mopo-djl test -Dtest=TransformersExport -Dmopo.export=/tmp/mopo-export
 *   ~/.ref/bin/python mopo-djl/src/test/fixtures/verify_written_checkpoints.py /tmp/mopo-export
 * </pre>
 */
@EnabledIfSystemProperty(named = "mopo.export", matches = ".+")
class TransformersExport {

    @Test
    void exportEveryFixture() throws IOException {
        Path out = Paths.get(System.getProperty("mopo.export"));
        for (String name : Fixtures.cases()) {
            try (CausalLm model = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32)) {
                model.save(out.resolve(name + "@f32"), SafetensorsDtype.F32);
                model.save(out.resolve(name + "@bf16"), SafetensorsDtype.BF16);
                if (name.equals("llama-mha")) {
                    model.save(out.resolve(name + "@f32-sharded"), SafetensorsDtype.F32, 40_000);
                }
            }
        }
    }
}
