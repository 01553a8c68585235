package dev.patina.collector.netconf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses NETCONF messages into DOM, refusing DOCTYPE declarations (so no entity expansion
 * bombs and no external entities), with secure processing and no external access at all.
 */
final class SafeXml {
  private static final DocumentBuilderFactory FACTORY = factory();

  private SafeXml() {}

  private static DocumentBuilderFactory factory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    try {
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setValidating(false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a security feature Patina needs: " + e.getMessage(), e);
    }
    return f;
  }

  /**
   * Parses one message. {@code what} names it for errors, e.g. "reply from 10.0.0.1:830".
   *
   * @throws NetconfProtocolException when it is not well-formed or declares a DOCTYPE
   */
  public static Document parse(byte[] xml, String what) throws NetconfProtocolException {
    try {
      DocumentBuilder builder = FACTORY.newDocumentBuilder();
      builder.setErrorHandler(THROW);
      builder.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entity " + systemId + " refused");
      });
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXParseException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("DOCTYPE")) {
        throw new NetconfProtocolException(what + " contains a DOCTYPE declaration, which NETCONF never uses; "
            + "refused (it could expand entities or read external files)", e);
      }
      throw new NetconfProtocolException(what + " is not well-formed XML at line " + e.getLineNumber()
          + ", column " + e.getColumnNumber() + ": " + m, e);
    } catch (SAXException e) {
      throw new NetconfProtocolException(what + " is not acceptable XML: " + e.getMessage(), e);
    } catch (IOException | ParserConfigurationException e) {
      throw new NetconfProtocolException(what + " could not be parsed: " + e.getMessage(), e);
    }
  }

  private static final ErrorHandler THROW = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };
}
