package io.captionrelay.provider.imaginepro;

import io.captionrelay.failure.ErrorClass;
import io.captionrelay.failure.RelayException;

/** A job that ended FAIL for no fault of the image, key or credit: the routes submit it again ({@code fail-retries}). */
final class JobFailed extends RelayException {

    JobFailed(String message) {
        super(ErrorClass.TRANSIENT, message);
    }
}
