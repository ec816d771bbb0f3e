/** Problems found in user input, reported per field or per record, never thrown away silently. */
package org.attune.core.validation;
