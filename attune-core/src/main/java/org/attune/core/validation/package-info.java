/**
 * Problems found in user input, reported per field or per record ({@code RecordRejection}: a record's
 * index, id and problems), never thrown away silently; and the exceptions that carry them.
 */
package org.attune.core.validation;
