// Command render renders Go text/template templates exactly as Director does (missingkey=zero,
// Director's FuncMap), for the differential tests of the TypeScript renderer. It reads JSON lines
// {"id", "mode": "generic"|"request"|"response", "name", "template", "data"} on stdin and writes
// {"id", "ok", "out" (base64 of the output bytes), "err"} lines on stdout.
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"text/template"

	"render/graphql"
	"render/webhook"
)

type request struct {
	ID       int             `json:"id"`
	Mode     string          `json:"mode"`
	Name     string          `json:"name"`
	Template string          `json:"template"`
	Data     json.RawMessage `json:"data"`
}

type result struct {
	ID  int    `json:"id"`
	OK  bool   `json:"ok"`
	Out string `json:"out"`
	Err string `json:"err"`
}

// decodeData builds the template data the way the old Operations Controller and Director did.
func decodeData(mode string, raw json.RawMessage) (interface{}, error) {
	switch mode {
	case "request":
		str := struct {
			Application graphql.Application
			TenantID    string
			Headers     map[string]string
		}{}
		if err := json.Unmarshal(raw, &str); err != nil {
			return nil, err
		}
		return webhook.ApplicationLifecycleWebhookRequestObject{
			Application: &str.Application,
			TenantID:    str.TenantID,
			Headers:     str.Headers,
		}, nil
	case "response":
		var resp webhook.ResponseObject
		if err := json.Unmarshal(raw, &resp); err != nil {
			return nil, err
		}
		return resp, nil
	default:
		var data interface{}
		if err := json.Unmarshal(raw, &data); err != nil {
			return nil, err
		}
		return data, nil
	}
}

func render(req request) (res result) {
	res.ID = req.ID
	defer func() {
		if r := recover(); r != nil {
			res.OK = false
			res.Err = fmt.Sprintf("panic: %v", r)
		}
	}()
	data, err := decodeData(req.Mode, req.Data)
	if err != nil {
		res.Err = "data: " + err.Error()
		return res
	}
	t, err := template.New(req.Name).Funcs(funcMap()).Option("missingkey=zero").Parse(req.Template)
	if err != nil {
		res.Err = err.Error()
		return res
	}
	var out bytes.Buffer
	if err := t.Execute(&out, data); err != nil {
		res.Err = err.Error()
		return res
	}
	res.OK = true
	res.Out = base64.StdEncoding.EncodeToString(out.Bytes())
	return res
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fmt.Fprintln(os.Stderr, "bad input line:", err)
			os.Exit(2)
		}
		if err := enc.Encode(render(req)); err != nil {
			fmt.Fprintln(os.Stderr, "write:", err)
			os.Exit(2)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "read:", err)
		os.Exit(2)
	}
}
