package io.zkgw.gateway.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.zkgw.gateway.config.GatewayConfig;
import io.zkgw.gateway.dataset.DatasetEntity;
import io.zkgw.gateway.dataset.DatasetService;
import io.zkgw.gateway.keys.ProviderKeyService;
import io.zkgw.gateway.model.ModelService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Declarative registrations: hospital IT (Ansible, or the demo) names the provider key, datasets and
 * models the appliance should serve in one JSON file (zkgw.provisioning.file); at start-up whatever is
 * not yet registered is registered, by name, exactly as through the admin API (user "provisioning").
 * Already registered names are left alone, so re-running with the same file changes nothing. A file that
 * is missing or wrong stops the start with a message naming the entry and field.
 *
 * <pre>
 * { "providerKey": true,
 *   "datasets": [ { "name": "bc-train", "path": "/srv/data/bc.csv" } ],
 *   "models":   [ { "name": "bc-mlp", "onnx": "/srv/models/bc_mlp.onnx", "calibration": "/srv/data/calib.csv",
 *                   "dataset": "bc-train", "price": 10, "labels": ["malignant", "benign"] } ] }
 * </pre>
 */
@ApplicationScoped
public class Provisioning {
    private static final Logger LOG = Logger.getLogger(Provisioning.class);
    static final String USER = "provisioning";

    @Inject
    GatewayConfig config;

    @Inject
    ProviderKeyService keys;

    @Inject
    DatasetService datasets;

    @Inject
    ModelService models;

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record File(Boolean providerKey, List<DatasetEntry> datasets, List<ModelEntry> models) {}

    public record DatasetEntry(String name, String path) {}

    public record ModelEntry(String name, String onnx, String calibration, String dataset, Long price, List<String> labels) {}

    void onStart(@Observes @Priority(10) StartupEvent e) {
        config.provisioning().file().filter(s -> !s.isBlank()).map(Path::of).ifPresent(this::apply);
    }

    /** Registers what the file names and is not registered yet. */
    public void apply(Path file) {
        File f = read(file);
        if (Boolean.TRUE.equals(f.providerKey()) && keys.current().isEmpty()) {
            keys.register();
            LOG.info("provisioning: provider key generated");
        }
        List<DatasetEntry> ds = f.datasets() == null ? List.of() : f.datasets();
        for (int i = 0; i < ds.size(); i++) {
            DatasetEntry d = ds.get(i);
            String where = file + ": datasets[" + i + "]";
            require(d.name(), where, "name");
            require(d.path(), where, "path");
            if (datasets.byName(d.name()).isEmpty()) {
                datasets.register(d.name(), Path.of(d.path()).toAbsolutePath(), USER);
                LOG.infof("provisioning: dataset '%s' registered", d.name());
            }
        }
        List<ModelEntry> ms = f.models() == null ? List.of() : f.models();
        for (int i = 0; i < ms.size(); i++) {
            ModelEntry m = ms.get(i);
            String where = file + ": models[" + i + "]";
            require(m.name(), where, "name");
            require(m.onnx(), where, "onnx");
            require(m.calibration(), where, "calibration");
            require(m.dataset(), where, "dataset");
            if (m.price() == null) {
                throw new IllegalStateException(where + ": field 'price' is required");
            }
            if (models.byName(m.name()).isPresent()) {
                continue;
            }
            DatasetEntity dataset = datasets.byName(m.dataset()).orElseThrow(() -> new IllegalStateException(
                    where + ": field 'dataset' names '" + m.dataset() + "', which is not a registered dataset"));
            models.register(new ModelService.Registration(m.name(), Path.of(m.onnx()).toAbsolutePath(),
                    Path.of(m.calibration()).toAbsolutePath(), dataset.id, m.price(),
                    m.labels() == null ? List.of() : m.labels(), null), USER);
            LOG.infof("provisioning: model '%s' registered", m.name());
        }
    }

    static File read(Path file) {
        try {
            return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readString(file), File.class);
        } catch (IOException ex) {
            throw new IllegalStateException("zkgw.provisioning.file " + file + " cannot be read: " + ex.getMessage(), ex);
        }
    }

    private static void require(String value, String where, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(where + ": field '" + field + "' is required");
        }
    }
}
