package io.transport.spi;

import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;

/**
 * Renders Jackson's stream contexts as JSON paths: {@code $.items[3].owner}. Jackson tracks the
 * contexts anyway, so paths cost nothing until an error needs one.
 */
public final class Paths {
  private Paths() {}

  /**
   * Returns the path of the parser's current token.
   *
   * @param p the parser
   * @return the path
   */
  public static String of(JsonParser p) {
    return of(p.streamReadContext(), "$");
  }

  /**
   * Returns the path the generator is writing at.
   *
   * @param g the generator
   * @return the path
   */
  public static String of(JsonGenerator g) {
    return of(g.streamWriteContext(), "$", true, null);
  }

  /**
   * Returns the path of a member of the object the generator is writing, whose name the
   * generator has not been given yet.
   *
   * @param g the generator, inside an object
   * @param name the member's name
   * @return the path
   */
  static String member(JsonGenerator g, String name) {
    return of(g.streamWriteContext(), "$", true, name);
  }

  /**
   * Returns the path of a context below a root path.
   *
   * @param context the innermost context
   * @param root the path of the context's root, "$" for a whole payload
   * @return the path
   */
  public static String of(TokenStreamContext context, String root) {
    return of(context, root, false, null);
  }

  /** Deep paths show this many levels at each end. */
  private static final int SHOWN = 12;

  /**
   * While writing, the innermost array's current index is that of the last element written;
   * the element being written when something fails is the next one. A member name, when given,
   * replaces the innermost object's current name.
   */
  private static String of(TokenStreamContext context, String root, boolean writing,
      String member) {
    Deque<TokenStreamContext> chain = new ArrayDeque<>();
    for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    StringBuilder s = new StringBuilder(root);
    int level = 0;
    int levels = chain.size();
    for (TokenStreamContext c : chain) {
      level++;
      if (levels > 2 * SHOWN && level > SHOWN && level <= levels - SHOWN) {
        if (level == SHOWN + 1) {
          s.append("...(").append(levels - 2 * SHOWN).append(" levels)...");
        }
        continue;
      }
      String name = member != null && c == context ? member : c.currentName();
      if (c.inArray()) {
        int index = writing && c == context ? c.getEntryCount() : c.getCurrentIndex();
        s.append('[').append(Math.max(index, 0)).append(']');
      } else if (name != null) {
        if (isIdentifier(name)) {
          s.append('.').append(name);
        } else {
          s.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
        }
      }
    }
    return s.toString();
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_'
        || name.charAt(0) == '@')) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (!Character.isLetterOrDigit(ch) && ch != '_' && ch != '$') {
        return false;
      }
    }
    return true;
  }
}
