package io.richmond.sdk.rpc;

/** The worker's handler threw: its response carried the exception headers instead of an answer. */
public class RpcRemoteException extends RuntimeException {

    private final String uuid;
    private final String remoteMessage;
    private final String exceptionName;
    private final String exceptionType;

    public RpcRemoteException(String uuid, String remoteMessage, String exceptionName, String exceptionType) {
        super("request " + uuid + " failed in the worker: " + exceptionName + ": " + remoteMessage);
        this.uuid = uuid;
        this.remoteMessage = remoteMessage;
        this.exceptionName = exceptionName;
        this.exceptionType = exceptionType;
    }

    public String uuid() {
        return uuid;
    }

    /** The {@code exception} header: the handler's exception message. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The {@code exception_name} header, e.g. {@code IllegalArgumentException}. */
    public String exceptionName() {
        return exceptionName;
    }

    /** The {@code exception_type} header, e.g. {@code java.lang.IllegalArgumentException}. */
    public String exceptionType() {
        return exceptionType;
    }
}
