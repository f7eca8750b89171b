package io.captionrelay.image.embed;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.XMPPathFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the fields into an XMP packet with Adobe's XMP core: {@code dc:title}, {@code dc:description},
 * {@code dc:subject}, {@code Iptc4xmpCore:AltTextAccessibility}, {@code photoshop:Headline}, and the provenance
 * in the project's namespace {@value #NS_CR} (prefix {@code cr}). An existing packet is parsed and changed,
 * so every other property in it is kept.
 */
public final class XmpWriter {

    public static final String NS_CR = "https://captionrelay.io/ns/1.0/";
    public static final String NS_IPTC_CORE = XMPConst.NS_IPTCCORE;

    private static final Logger LOG = LoggerFactory.getLogger(XmpWriter.class);

    static {
        try {
            XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_CR, "cr");
        } catch (XMPException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private XmpWriter() {
    }

    /**
     * @param existing      the packet the image (or an earlier sidecar) has, or empty
     * @param packetWrapper true inside an image ({@code <?xpacket?>} with padding), false for a sidecar file
     */
    public static byte[] write(Optional<byte[]> existing, MetadataFields f, WriteMode mode, boolean packetWrapper) {
        try {
            XMPMeta meta = parse(existing);
            langAlt(meta, XMPConst.NS_DC, "title", f.title(), f.language(), mode);
            langAlt(meta, XMPConst.NS_DC, "description", f.description(), f.language(), mode);
            langAlt(meta, NS_IPTC_CORE, "AltTextAccessibility", f.altText(), f.language(), mode);
            if (f.headline() != null && (mode == WriteMode.REPLACE || !meta.doesPropertyExist(XMPConst.NS_PHOTOSHOP, "Headline"))) {
                meta.setProperty(XMPConst.NS_PHOTOSHOP, "Headline", f.headline());
            }
            keywords(meta, f, mode);
            MetadataFields.Provenance p = f.provenance();
            set(meta, "provider", p.provider());
            set(meta, "operation", p.operation());
            set(meta, "model", p.model());
            set(meta, "imageSha256", p.imageSha256());
            set(meta, "describedAt", p.createdAt() == null ? null : p.createdAt().toString());
            SerializeOptions options = new SerializeOptions().setOmitPacketWrapper(!packetWrapper).setUseCompactFormat(true);
            return XMPMetaFactory.serializeToBuffer(meta, options);
        } catch (XMPException e) {
            throw new IllegalStateException("cannot write the XMP packet: " + e.getMessage(), e);
        }
    }

    private static XMPMeta parse(Optional<byte[]> existing) {
        if (existing.isPresent()) {
            try {
                return XMPMetaFactory.parseFromBuffer(existing.get());
            } catch (XMPException e) {
                // the original keeps its packet untouched; the copy gets a fresh one
                LOG.warn("The image's XMP packet cannot be read ({}); a new one is written", e.getMessage());
            }
        }
        return XMPMetaFactory.create();
    }

    /** A language alternative: x-default, and the result's language when it has one. */
    private static void langAlt(XMPMeta meta, String ns, String name, String value, String language, WriteMode mode)
            throws XMPException {
        if (value == null) {
            return;
        }
        if (mode == WriteMode.REPLACE) {
            meta.deleteProperty(ns, name);
        }
        if (!meta.doesPropertyExist(ns, XMPPathFactory.composeLangSelector(name, XMPConst.X_DEFAULT))) {
            meta.setLocalizedText(ns, name, "", XMPConst.X_DEFAULT, value);
        }
        if (language == null) {
            return;
        }
        String item = XMPPathFactory.composeLangSelector(name, language);
        if (meta.doesPropertyExist(ns, item)) {
            meta.setProperty(ns, item, value);
        } else {
            // appended by hand: setLocalizedText would overwrite an x-default that stands alone
            meta.appendArrayItem(ns, name, new PropertyOptions().setArray(true).setArrayOrdered(true)
                    .setArrayAlternate(true).setArrayAltText(true), value, null);
            meta.setQualifier(ns, name + "[" + meta.countArrayItems(ns, name) + "]", XMPConst.NS_XML, "lang", language);
        }
    }

    private static void keywords(XMPMeta meta, MetadataFields f, WriteMode mode) throws XMPException {
        if (f.keywords().isEmpty()) {
            return;
        }
        if (mode == WriteMode.REPLACE) {
            meta.deleteProperty(XMPConst.NS_DC, "subject");
        }
        java.util.Set<String> present = new java.util.HashSet<>();
        int count = meta.countArrayItems(XMPConst.NS_DC, "subject");
        for (int i = 1; i <= count; i++) {
            present.add(meta.getArrayItem(XMPConst.NS_DC, "subject", i).getValue().toLowerCase(Locale.ROOT));
        }
        for (String keyword : f.keywords()) {
            if (present.add(keyword.toLowerCase(Locale.ROOT))) {
                meta.appendArrayItem(XMPConst.NS_DC, "subject", new PropertyOptions().setArray(true), keyword, null);
            }
        }
    }

    private static void set(XMPMeta meta, String name, String value) throws XMPException {
        if (value != null) {
            meta.setProperty(NS_CR, name, value);
        } else {
            meta.deleteProperty(NS_CR, name);
        }
    }
}
