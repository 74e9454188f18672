module example.com/newlog

go 1.19
