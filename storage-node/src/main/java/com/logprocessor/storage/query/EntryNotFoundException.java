package com.logprocessor.storage.query;

import com.logprocessor.support.web.ProblemException;
import com.logprocessor.support.web.ProblemTypes;
import org.springframework.http.HttpStatus;

/** No entry at the requested key: answered 404. */
public class EntryNotFoundException extends ProblemException {

    public EntryNotFoundException(String partitionKey, long sequence) {
        super(HttpStatus.NOT_FOUND, "Not found", ProblemTypes.NOT_FOUND,
                "no entry is stored at partition key '" + partitionKey + "', sequence " + sequence);
    }
}
