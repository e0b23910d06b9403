package io.github.itopdata.core.model;

import java.io.FileNotFoundException;
import java.io.InputStream;

/**
 * The CMDB model bundled with the library: iTop's class names, attribute codes, enum codes and
 * English labels for organizations, locations, contacts, teams, typology, functional CIs
 * (servers, network devices, PCs, racks, enclosures, power), virtualization, software and their
 * link classes, plus the user, profile and synchronization classes the engines use. CSV files
 * written for iTop's classes fit it.
 */
public final class DefaultModel {

    /** Resource path of the bundled model file. */
    public static final String RESOURCE = "/io/github/itopdata/core/model/default-model.xml";

    private static volatile Model cached;

    private DefaultModel() {
    }

    /** Returns the bundled model, loaded once per class loader. */
    public static Model load() {
        Model model = cached;
        if (model == null) {
            synchronized (DefaultModel.class) {
                model = cached;
                if (model == null) {
                    model = new ModelLoader().addDefaultModel().load().model();
                    cached = model;
                }
            }
        }
        return model;
    }

    /** Returns the bundled model file as a source, to load it followed by the user's own files. */
    public static ModelSource source() {
        return ModelSource.of("default-model.xml", DefaultModel::openResource);
    }

    private static InputStream openResource() throws FileNotFoundException {
        InputStream stream = DefaultModel.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new FileNotFoundException("Resource " + RESOURCE + " is missing from the class path");
        }
        return stream;
    }
}
