-- expect: the script raised an error value of type table
error({})
