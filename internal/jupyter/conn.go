package jupyter

import (
	"encoding/json"
	"fmt"
	"os"
)

// ConnectionInfo is the content of the connection file Jupyter writes
// before it starts a kernel: where to listen and the signing key.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
}

// ReadConnectionFile reads and checks a connection file.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	var ci ConnectionInfo
	data, err := os.ReadFile(path)
	if err != nil {
		return ci, err
	}
	if err := json.Unmarshal(data, &ci); err != nil {
		return ci, fmt.Errorf("%s is not a Jupyter connection file: %v", path, err)
	}
	if ci.Transport == "" {
		ci.Transport = "tcp"
	}
	if ci.IP == "" {
		ci.IP = "127.0.0.1"
	}
	switch ci.SignatureScheme {
	case "", "hmac-sha256":
	default:
		return ci, fmt.Errorf("%s asks for the signature scheme %q; only hmac-sha256 is supported", path, ci.SignatureScheme)
	}
	switch ci.Transport {
	case "tcp", "ipc":
	default:
		return ci, fmt.Errorf("%s asks for the transport %q; tcp and ipc are supported", path, ci.Transport)
	}
	return ci, nil
}

// endpoint is the ZeroMQ address of one of the sockets.
func (ci ConnectionInfo) endpoint(port int) string {
	if ci.Transport == "ipc" {
		// Jupyter names ipc sockets IP-PORT.
		return fmt.Sprintf("ipc://%s-%d", ci.IP, port)
	}
	return fmt.Sprintf("tcp://%s:%d", ci.IP, port)
}
